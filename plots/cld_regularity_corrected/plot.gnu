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
set multiplot layout 1,1 title "cld_regularity_corrected: CLD renormalised-score regularity C*(1 + t)^2 e^-2t (corrected)\nseed 002, slide 'Regularity of the renormalized score'; corrected rate derived in theory/cld_regularity_corrected.md\nsolid, filled dots: exact regularity_ratio_corrected     dashed: bound" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "time t (log scale)" noenhanced
set ylabel "regularity_ratio_corrected" noenhanced
set logscale x
set mxtics default
set format x '10^{%L}'
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (1, 2, 5, 10, 20)
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'sigma2=4, v=1, data N(0,0.1)', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'sigma2=4, v=1, data N(0,2)', \
     '' index 1 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'sigma2=4, v=1, data N(0,10)', \
     '' index 2 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
