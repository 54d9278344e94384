set encoding utf8
set terminal pngcairo enhanced size 1800,850 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 1,2 title "gso25_mixture_lipschitz_printed: GSO25 grad log p_n is (1/sigma^2 + sqrt(M))-Lipschitz (as printed)\nseed 000 (Ocello), slide 'Example: Proposition [GSO25]'; Gentiloni Silveri, Ocello, ICML 2025\nsolid, filled dots: exact Lipschitz constant of the score     dashed: printed 1/sigma^2 + sqrt(M)     red ring: violated" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "separation a (1-D, sigma^2 = 1)" noenhanced
set ylabel "Lipschitz constant of the score" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.5, 1, 2, 5, 10, 20)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title '1/2 N(+-a, 1)', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title '3 components at (-2, 0.4, 2.5) a, var 1', \
     '' index 1 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "component variance sigma^2 (1-D, a = 1)" noenhanced
set ylabel "Lipschitz constant of the score" noenhanced
set logscale x
set mxtics default
set format x '10^{%L}'
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title '1/2 N(+-1, sigma^2)', \
     '' index 2 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
