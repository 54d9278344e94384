set encoding utf8
set terminal pngcairo enhanced size 1200,850 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 1,1 title "cld_renormalised_definite: CLD renormalised drift 'negative definite' (only semidefinite)\nseed 002, slide 'Solution 1: Long-term regularity of the renormalized score', key property 1\nsolid, filled dots: exact lambda_max_sym_renormalised_drift     dashed: negative definite below     red ring: violated" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "elliptic eps (noise on the position; 0 = seed 002's CLD)" noenhanced
set ylabel "lambda_max_sym_renormalised_drift" noenhanced
set autoscale fix
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'sigma2=1, v=1', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'sigma2=4, v=1', \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'sigma2=16, v=1', \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
